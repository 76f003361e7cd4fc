"""Public statements: drafts, versions, approval rules, publish once, paused posts, the press desk."""
