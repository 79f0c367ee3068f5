"""The demonstration: a synthetic département, one account per role, served with `egide demo`.

Every domain adds its own demo data by defining `populate(context)` in `egide/<app>/demo.py`;
see `egide.demo.seed` for what the context holds.
"""
