// What the report writers share for untrusted text: escaping for XML/HTML and Markdown
// (report/markupescape.h) and the check of a reference's address before it becomes a link.

#include "catalog/threatrule.h"
#include "report/diagramsvg.h"
#include "report/markdownreport.h"
#include "report/markupescape.h"

#include <QTest>

using namespace bulkhead;

class TestReportEscape : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markupEscapesEntitiesAndLeavesTheRestToTheFormat()
    {
        const auto upperCase = [](std::string &out, char c) {
            out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        };
        QCOMPARE(escapeMarkup("a<b>&c", upperCase), std::string("A&lt;B&gt;&amp;C"));
        QCOMPARE(escapeMarkup("", upperCase), std::string());
    }

    void plainTextKeepsOnlyTheControlsItIsTold()
    {
        std::string out;
        for (const char c : std::string_view("a\tb\nc\x01\x1f", 7))
            appendPlain(out, c, "\t");
        QCOMPARE(out, std::string("a\tb c  "));
        out.clear();
        appendPlain(out, '\0', "\t\n\r");
        appendPlain(out, '\r', "\t\n\r");
        QCOMPARE(out, std::string(" \r"));
    }

    void xmlEscapesQuotesAndKeepsLineBreaks()
    {
        QCOMPARE(xmlEscape("\"it's\" <a&b>"), std::string("&quot;it&#39;s&quot; &lt;a&amp;b&gt;"));
        QCOMPARE(xmlEscape(std::string_view("a\tb\r\nc\x07|*", 9)), std::string("a\tb\r\nc |*"));
    }

    void markdownEscapesPunctuationAndFlattensLines()
    {
        QCOMPARE(markdownEscape("\\|`*_[]#~!"), std::string("\\\\\\|\\`\\*\\_\\[\\]\\#\\~\\!"));
        QCOMPARE(markdownEscape(std::string_view("a\tb\r\nc\x07\"'", 9)), std::string("a\tb  c \"'"));
    }

    void safeUrlNeedsHttpsAndNoCharacterThatEndsALink()
    {
        QVERIFY(safeUrl("https://attack.mitre.org/techniques/T1611/"));
        QVERIFY(!safeUrl("http://example.com/"));
        QVERIFY(!safeUrl("javascript:alert(1)"));
        QVERIFY(!safeUrl(" https://example.com/"));
        for (const char *bad : {"https://a b", "https://a\"b", "https://a<b", "https://a>b", "https://a\\b",
                                "https://a\nb"})
            QVERIFY2(!safeUrl(bad), bad);
        // Each report refuses what ends a link in its own markup, and only that.
        QVERIFY(!safeUrl("https://a/'x'", "'"));
        QVERIFY(safeUrl("https://a/'x'", "()[]"));
        QVERIFY(!safeUrl("https://a/(x)", "()[]"));
        QVERIFY(!safeUrl("https://a/[x]", "()[]"));
        QVERIFY(safeUrl("https://a/(x)", "'"));
    }
};

QTEST_GUILESS_MAIN(TestReportEscape)
#include "tst_reportescape.moc"
