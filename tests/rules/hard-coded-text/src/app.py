"""Commands of a program that copied its messages instead of calling them."""


def login(m, path, count):
    """Note: anonymous accounts work on this machine only."""
    print("Note: anonymous accounts work on this machine only.")
    print(f"Anonymous id: {m.anonymous_id}. Keep `{path}` to stay signed in as the same anonymous identity.")
    print("Run `arkor login --anonymous` "
          "to start over.")
    print("Signed out.")  # two words: never reported
    print(f"Cancelled {count} jobs in the queue.")
    print(m.signed_out(), m.state_reset(deployment="oauth"), m.jobs_cancelled(count=count))
    return "Error: listen EADDRINUSE: address already in use"  # docs-only text: nothing to call
