"""What a report says about itself: title, year, agency, place, publication date, sections and narrative."""
