"""``python -m cleantext`` runs the command line."""

from .cli import main

main()
