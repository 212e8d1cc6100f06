// The PDF report's typesetting rules (export/pdfflowlayout.h): where ids and addresses may
// break, and headings kept with what they introduce.

#include "export/pdfflowlayout.h"

#include <QAbstractTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextOption>

#include <cmath>

using namespace bulkhead;

namespace {

constexpr QChar zeroWidthSpace(0x200B);

int pageOf(const QTextDocument &document, const QTextBlock &block, bool bottom)
{
    const QRectF r = document.documentLayout()->blockBoundingRect(block);
    return int(std::floor((bottom ? r.bottom() - 0.5 : r.top()) / document.pageSize().height()));
}

QTextBlock blockStartingWith(const QTextDocument &document, const QString &text)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.text().startsWith(text))
            return block;
    }
    return {};
}

/** Paragraphs p0 … p(n-1), then a heading and a table whose first data row says "first row". */
QString headingAfterParagraphs(int paragraphs)
{
    QString html;
    for (int i = 0; i < paragraphs; ++i)
        html += QStringLiteral("<p>p%1</p>").arg(i);
    return html
           + QStringLiteral("<h3>Container runtime</h3><p>Intro.</p><table border='1'><thead><tr>"
                            "<th>Mitigation</th></tr></thead><tr><td>first row</td></tr>"
                            "<tr><td>second row</td></tr></table>");
}

} // namespace

class TestPdfFlowLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyOverlongWordsGetBreaks()
    {
        QCOMPARE(breakableText(QStringLiteral("Mitigated needs confirmation inside(\"container-network\")")),
                 QStringLiteral("Mitigated needs confirmation inside(\"container-network\")"));
        const QString hash(50, QLatin1Char('a'));
        const QString broken = breakableText(hash, 20);
        QCOMPARE(broken.count(zeroWidthSpace), 2);
        QCOMPARE(QString(broken).remove(zeroWidthSpace), hash);
        for (const QString &piece : broken.split(zeroWidthSpace))
            QVERIFY(piece.size() <= 20);
    }

    void aWordWrapsWholeInANarrowCell()
    {
        QTextDocument document;
        QTextOption wrapping;
        wrapping.setWrapMode(QTextOption::WordWrap);
        document.setDefaultTextOption(wrapping);
        document.setHtml(QStringLiteral("<table width='100%'><tr><td>%1</td><td width='95%'>x</td>"
                                        "</tr></table>")
                             .arg(QStringLiteral("HOST-03@docker-host")));
        document.setTextWidth(300);
        QVERIFY(document.size().height() > 0); // lays the document out
        const QTextBlock cell = blockStartingWith(document, QStringLiteral("HOST"));
        QVERIFY(cell.isValid());
        QCOMPARE(cell.layout()->lineCount(), 2);
        // The id wraps, but only after its "-" before a letter: never inside "HOST-03@docker".
        const QTextLayout *layout = cell.layout();
        for (int i = 0; i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            const QString text = cell.text().mid(line.textStart(), line.textLength());
            QVERIFY2(text == QStringLiteral("HOST-03@docker-") || i == layout->lineCount() - 1, qPrintable(text));
        }
    }

    void aHeadingAtTheFootOfAPageMovesToTheNext()
    {
        QTextDocument document;
        document.setDocumentMargin(0);
        document.setPageSize(QSizeF(300, 200));
        // Enough paragraphs that the heading lands at the foot of the first page and its
        // table's first row on the second.
        int paragraphs = 0;
        for (; paragraphs < 40; ++paragraphs) {
            document.setHtml(headingAfterParagraphs(paragraphs));
            const QTextBlock heading = blockStartingWith(document, QStringLiteral("Container"));
            const QTextBlock row = blockStartingWith(document, QStringLiteral("first row"));
            if (pageOf(document, heading, false) == 0 && pageOf(document, row, true) == 1)
                break;
        }
        QVERIFY2(paragraphs < 40, "no paragraph count left the heading alone on page 1");
        QCOMPARE(keepHeadingsWithNext(document, headingAfterParagraphs(paragraphs)), 1);
        const QTextBlock heading = blockStartingWith(document, QStringLiteral("Container"));
        const QTextBlock row = blockStartingWith(document, QStringLiteral("first row"));
        QCOMPARE(pageOf(document, heading, false), 1);
        QCOMPARE(pageOf(document, row, true), 1);
        // The paragraph before it stays on page 1: the heading moved, nothing else.
        QCOMPARE(pageOf(document, blockStartingWith(document, QStringLiteral("p%1").arg(paragraphs - 1)), true), 0);
    }

    void aHeadingWithItsRowsOnItsPageStays()
    {
        QTextDocument document;
        document.setDocumentMargin(0);
        document.setPageSize(QSizeF(300, 2000));
        QCOMPARE(keepHeadingsWithNext(document, headingAfterParagraphs(3)), 0);
        QCOMPARE(document.pageCount(), 1);
    }
};

QTEST_MAIN(TestPdfFlowLayout)
#include "tst_pdfflowlayout.moc"
