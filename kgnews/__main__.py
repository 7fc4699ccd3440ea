"""`python -m kgnews` runs the `kgnews` command."""
from kgnews.cli import main

main()
