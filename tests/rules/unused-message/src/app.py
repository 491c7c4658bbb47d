"""Uses: an attribute, an import, and a lookup by name."""


def main(out):
    import messages as m
    from messages import signed_out

    out(m.signed_in())
    out(signed_out())
    out(getattr(m, "token_rejected")())
