"""The study notebooks' helpers: measures, findings, charts, lesson, and running/rendering the pages."""
