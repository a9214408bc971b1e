/// The Notebook module of LSTMLab (see DESIGN.md for what it holds).
public enum NotebookModule {}
