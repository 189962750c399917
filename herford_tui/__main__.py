from herford_tui.start import main

main()
