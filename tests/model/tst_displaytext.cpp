// displayText and friends: what a name, key or value from a file looks like on a terminal.

#include "core/displaytext.h"

#include <QTest>

#include <string>

using namespace bulkhead;

namespace {

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

class TestDisplayText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("plain ASCII") << QByteArray("web-1 (nginx)") << QByteArray("web-1 (nginx)");
        QTest::newRow("letters beyond ASCII") << QByteArray("Café 数据库 🐳") << QByteArray("Café 数据库 🐳");
        QTest::newRow("backslash kept") << QByteArray("C:\\x1b") << QByteArray("C:\\x1b");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
        QTest::newRow("newline and CR") << QByteArray("one\r\ntwo") << QByteArray("one\\x0d\\x0atwo");
        QTest::newRow("tab") << QByteArray("a\tb") << QByteArray("a\\x09b");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QByteArray("a\\x7f");
        QTest::newRow("colour (CSI)") << QByteArray("\x1b[31mred") << QByteArray("\\x1b[31mred");
        QTest::newRow("window title (OSC, BEL)") << QByteArray("\x1b]0;pwned\x07") << QByteArray("\\x1b]0;pwned\\x07");
        QTest::newRow("C1 CSI") << QByteArray("\xc2\x9b" "31m") << QByteArray("\\u009b31m");
        QTest::newRow("right-to-left override") << QByteArray("\xe2\x80\xae" "fdp.exe") << QByteArray("\\u202efdp.exe");
        QTest::newRow("embeddings and pop") << QByteArray("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad")
                                            << QByteArray("\\u202a\\u202b\\u202c\\u202d");
        QTest::newRow("isolates") << QByteArray("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9")
                                  << QByteArray("\\u2066\\u2067\\u2068\\u2069");
        QTest::newRow("direction marks") << QByteArray("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c")
                                         << QByteArray("\\u200e\\u200f\\u061c");
        QTest::newRow("line and paragraph separators") << QByteArray("a\xe2\x80\xa8" "b\xe2\x80\xa9")
                                                       << QByteArray("a\\u2028b\\u2029");
        QTest::newRow("neighbours of the bidi controls pass") << QByteArray("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5")
                                                              << QByteArray("\\u2029\xe2\x80\xaf\xe2\x81\xa5");
        QTest::newRow("Latin-1 byte") << QByteArray("caf\xe9") << QByteArray("caf\\xe9");
        QTest::newRow("truncated sequence") << QByteArray("\xe2\x80") << QByteArray("\\xe2\\x80");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\\xc0\\xaf");
        QTest::newRow("overlong ESC") << QByteArray("\xe0\x80\x9b") << QByteArray("\\xe0\\x80\\x9b");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\xed\\xa0\\x80");
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QByteArray("\\xf4\\x90\\x80\\x80");
        QTest::newRow("stray continuation byte") << QByteArray("a\x80z") << QByteArray("a\\x80z");
    }

    void escapes()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, shown);
        const std::string out = displayText(std::string_view(input.constData(), std::size_t(input.size())));
        QCOMPARE(bytes(out), shown);
        // Escaping what is already shown changes nothing: layers may each escape safely.
        QCOMPARE(bytes(displayText(out)), shown);
    }

    void excerptCutsLongTextWithAnEllipsis()
    {
        const std::string exact(displayExcerptLength, 'a');
        QCOMPARE(displayExcerpt(exact), exact);
        QCOMPARE(displayExcerpt(exact + "b"), exact + "…");
        QCOMPARE(displayExcerpt(std::string(10 * 1024 * 1024, 'a')), exact + "…");
        QCOMPARE(displayExcerpt("abcdef", 3), std::string("abc…"));
    }

    void excerptNeverSplitsACharacterOrEscape()
    {
        // 79 letters leave one character: too few for "\x1b", enough for one "é".
        const std::string letters(displayExcerptLength - 1, 'a');
        QCOMPARE(displayExcerpt(letters + "\x1b" "b"), letters + "…");
        QCOMPARE(displayExcerpt(letters + "éb"), letters + "é…");
        QCOMPARE(displayExcerpt(letters + "\xe2\x80\xae"), letters + "…");
        QCOMPARE(displayExcerpt("\x1b\x1b", 8), std::string("\\x1b\\x1b"));
        QCOMPARE(displayExcerpt("\x1b\x1b", 7), std::string("\\x1b…"));
    }

    void quotedAndLine()
    {
        QCOMPARE(displayQuoted("a\nb"), std::string("\"a\\x0ab\""));
        QCOMPARE(displayQuoted(std::string(1000, 'k')), "\"" + std::string(displayExcerptLength, 'k') + "…\"");
        const std::string line = displayLine(std::string(5000, 'x') + "\n");
        QCOMPARE(line, std::string(displayLineLength, 'x') + "…");
    }
};

QTEST_GUILESS_MAIN(TestDisplayText)
#include "tst_displaytext.moc"
