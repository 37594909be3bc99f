"""The consultation wizard: one page class per step, saved as you go, resumable."""
