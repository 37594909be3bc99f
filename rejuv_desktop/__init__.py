"""Rejuv Desktop: an offline consultation assistant for hand-rejuvenation clinics."""

__version__ = "0.1.0"
APP_NAME = "Rejuv Desktop"
APP_ID = "rejuv-desktop"
# The desktop file, AppStream and macOS bundle identifier (reverse-DNS).
DESKTOP_ID = "org.rejuvdesktop.RejuvDesktop"
