NOTE = "Note: anonymous accounts work on this machine only."  # tests may compare with the text
