"""herford-tui: the terminal dashboard of the Bildungsbüro des Kreises Herford."""

__version__ = "0.1.0"
