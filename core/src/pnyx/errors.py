"""Errors the core raises on purpose, with messages meant for people."""


class StartupError(Exception):
    """A misconfiguration that stops start-up. The message is one line that
    names the plugin or setting and says what to fix; the CLI prints it
    without a traceback."""


class SettingsError(ValueError):
    """Component settings that do not validate; ``messages`` maps field → errors."""

    def __init__(self, messages: dict[str, object]) -> None:
        super().__init__(f"invalid settings: {messages}")
        self.messages = messages
