-- Complaint files were known and downloaded by the name their uploader gave them: a GIF that is also an
-- HTML page, uploaded as `evil.html`, was saved by whoever downloaded it as an HTML file, and a name may
-- carry personal data that every party was shown. The bytes were always kept by their hash
-- (<data>/complaint-files/ab/<sha256>); from now on a file is named by its hash and the type read from its
-- content only (src/complaints/files.ts, storedFileName), and the names kept so far are replaced likewise.
UPDATE complaint_files
SET name = substr(sha256, 1, 16) || CASE media_type
    WHEN 'image/jpeg' THEN '.jpg'
    WHEN 'image/png' THEN '.png'
    WHEN 'image/gif' THEN '.gif'
    WHEN 'image/webp' THEN '.webp'
    WHEN 'application/pdf' THEN '.pdf'
    ELSE ''
  END;
