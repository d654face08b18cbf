# An empty program: its time is the start-up cost, subtracted from the others.
