"""The Auswertung tab: the year in figures (``domain.evaluation``)."""
