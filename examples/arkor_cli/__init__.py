"""A stand-in for the arkor CLI that prints every runtime message of the bundled catalogue.

Run it from the repository root, in English or Japanese::

    python -m examples.arkor_cli login --anonymous
    python -m examples.arkor_cli --lang ja --deployment anon-only --fail single-device whoami
    LANG=ja_JP.UTF-8 python -m examples.arkor_cli explain anonymous_token_single_device

Every user-facing text comes from the generated ``messages`` module; a fake
cloud (``cloud.py``) decides which path each command takes.
"""
