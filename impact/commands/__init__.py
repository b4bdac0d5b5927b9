"""One module per command line command; see impact/cli.py."""
