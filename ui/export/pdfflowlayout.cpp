#include "pdfflowlayout.h"

#include <QAbstractTextDocumentLayout>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>

#include <cmath>
#include <vector>

namespace bulkhead {

namespace {

constexpr QChar breakOpportunity(0x200B); // zero-width space

int pageOf(qreal y, qreal pageHeight)
{
    return int(std::floor(y / pageHeight));
}

/** The table row a block sits in, or -1 outside tables. */
int tableRowOf(const QTextBlock &block, const QTextTable **table)
{
    QTextCursor cursor(block);
    *table = cursor.currentTable();
    if (!*table)
        return -1;
    return (*table)->cellAt(block.position()).row();
}

/**
 * What must share a page with the heading: the first data row of the table it introduces
 * (past an intro paragraph and the repeated header row), else its first paragraph.
 */
QTextBlock firstContentAfter(const QTextBlock &heading)
{
    QTextBlock firstParagraph;
    int paragraphs = 0;
    for (QTextBlock block = heading.next(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() > 0)
            break;
        const QTextTable *table = nullptr;
        const int row = tableRowOf(block, &table);
        if (table) {
            if (row >= table->format().headerRowCount())
                return block;
            continue;
        }
        if (block.text().trimmed().isEmpty())
            continue;
        if (!firstParagraph.isValid())
            firstParagraph = block;
        // An intro paragraph is followed by its table; a second paragraph means none comes.
        if (++paragraphs > 1)
            break;
    }
    return firstParagraph;
}

} // namespace

QString breakableText(const QString &text, int longest)
{
    QString out;
    out.reserve(text.size());
    int run = 0;
    for (const QChar c : text) {
        if (c.isSpace() || c == breakOpportunity || c == QLatin1Char('-') || c == QLatin1Char('/'))
            run = 0;
        else if (++run > longest) {
            out += breakOpportunity;
            run = 1;
        }
        out += c;
    }
    return out;
}

namespace {

struct Move
{
    int heading = -1; ///< the how-manieth heading of the document
};

/** The first heading from the `from`th on that ends a page, and how far it must move. */
Move firstHeadingEndingAPage(QTextDocument &document, int from)
{
    const qreal pageHeight = document.pageSize().height();
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    int index = -1;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0 || ++index < from)
            continue;
        const QTextBlock content = firstContentAfter(block);
        if (!content.isValid())
            continue;
        const QRectF heading = layout->blockBoundingRect(block);
        const QRectF first = layout->blockBoundingRect(content);
        const int page = pageOf(heading.top(), pageHeight);
        if (page != pageOf(first.bottom() - 0.5, pageHeight))
            return {index};
    }
    return {};
}

/** `html` with a page break before each moved heading. */
QString withMoves(const QString &html, const std::vector<Move> &moves)
{
    static const QRegularExpression headingTag(QStringLiteral("<h[1-6](?=[\\s>])"));
    QString out;
    qsizetype copied = 0;
    int index = 0;
    std::size_t next = 0;
    for (auto it = headingTag.globalMatch(html); it.hasNext() && next < moves.size(); ++index) {
        const QRegularExpressionMatch match = it.next();
        if (index != moves[next].heading)
            continue;
        out += html.mid(copied, match.capturedEnd() - copied);
        out += QStringLiteral(" style='page-break-before: always'");
        copied = match.capturedEnd();
        ++next;
    }
    return out + html.mid(copied);
}

} // namespace

int keepHeadingsWithNext(QTextDocument &document, const QString &html)
{
    document.setHtml(html);
    if (document.pageSize().height() <= 0)
        return 0;
    std::vector<Move> moves;
    // Each move shifts what follows, so headings are checked in order, each against a fresh
    // layout of the document with all earlier moves made.
    for (;;) {
        const Move move = firstHeadingEndingAPage(document,
                                                  moves.empty() ? 0 : moves.back().heading + 1);
        if (move.heading < 0)
            return int(moves.size());
        moves.push_back(move);
        document.setHtml(withMoves(html, moves));
    }
}

} // namespace bulkhead
