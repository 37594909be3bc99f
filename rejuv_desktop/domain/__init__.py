"""Pure clinical logic: no Qt, no SQL, no clock (time is passed in)."""
