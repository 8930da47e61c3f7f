"""The hall's queue rules: pure Python, no I/O, no clock, no framework."""
