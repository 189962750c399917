from herford_tui.cli import main

main()
