"""crisisbot's entry point (the `crisisbot` console script): the command line lives in cli/, the wiring in wiring/."""
import sys

from cli.main import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
