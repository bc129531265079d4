"""The pure core: decisions and data with no Qt, no scheduler and no platform calls."""
