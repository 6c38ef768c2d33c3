-- The page of the owner's site a visitor embedding the chat is on now (first_page keeps where they began).
ALTER TABLE threads ADD COLUMN current_page TEXT;
ALTER TABLE threads ADD COLUMN current_title TEXT;
