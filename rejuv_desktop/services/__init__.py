"""Use cases shared by the UI and the command line.

Each function takes an open ``Store`` and plain values, runs in one transaction, and returns
plain results. Nothing here imports Qt.
"""
