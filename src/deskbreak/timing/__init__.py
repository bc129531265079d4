"""Qt + APScheduler: turns the engine's next wake-up into one precisely armed timer."""
