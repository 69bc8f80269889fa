"""`python -m claimcheck` is the same as the `claimcheck` command."""

from claimcheck.cli import main

main(prog_name="claimcheck")
