def only_here(m):
    return m.only_in_tests()
