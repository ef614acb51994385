"""Generated media: covers, slides, narration, captions and lesson videos."""
