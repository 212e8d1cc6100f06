#pragma once

#include <QString>

class QTextDocument;

namespace bulkhead {

/**
 * Typesetting rules for the PDF report's flowing pages, which Qt's rich text does not have on
 * its own: where an overlong word may break, and headings that stay with what they introduce.
 * (Ids and addresses break where Unicode line breaking allows: after a `-` or `/` that a
 * letter follows. Zero-width spaces after `@` would have let them break there too, but a reader
 * copying an id from the PDF got the invisible characters with it.)
 */

/**
 * Breaks a run longer than `longest` characters without a space, `-` or `/` into pieces
 * (zero-width spaces), so a pasted hash or a name without spaces cannot make a table wider
 * than the page. Words are never split otherwise: the document wraps at word boundaries only.
 */
QString breakableText(const QString &text, int longest = 30);

/**
 * Sets `html` as the content of `document`, then moves every heading whose first content (its
 * first paragraph, or the first data row of the table it introduces) would land on the next
 * page onto that page, so no heading is left alone at the foot of a page. A heading moves by a
 * page break written into its tag, and the document is set afresh after each move: Qt's
 * incremental relayout of a block changed after layout drew misplaced or no headings.
 * `document` must have its page size set. Returns how many headings were moved.
 */
int keepHeadingsWithNext(QTextDocument &document, const QString &html);

} // namespace bulkhead
