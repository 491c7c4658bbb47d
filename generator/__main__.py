"""``python -m generator`` runs the ``msgbook`` command."""

from .cli import main_entry

if __name__ == "__main__":
    main_entry()
