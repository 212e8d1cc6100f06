#include "report/jsonwriter.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <sstream>

using namespace bulkhead;

class TestJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesIndentedDocuments()
    {
        std::ostringstream out;
        {
            JsonWriter json(out);
            json.beginObject().field("a", 1).key("list").beginArray().value("x").value(true).endArray();
            json.key("empty").beginObject().endObject().field("n", std::int64_t(-5)).endObject();
        }
        QCOMPARE(out.str(), std::string("{\n  \"a\": 1,\n  \"list\": [\n    \"x\",\n    true\n  ],\n"
                                        "  \"empty\": {},\n  \"n\": -5\n}\n"));
    }

    void escapesEverythingHostile_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected"); // the decoded string
        QTest::newRow("quotes and backslash") << QByteArray("say \"hi\" \\ bye") << QByteArray("say \"hi\" \\ bye");
        QTest::newRow("control characters") << QByteArray("a\nb\tc\x01\x1f") << QByteArray("a\nb\tc\x01\x1f");
        QTest::newRow("script tag") << QByteArray("</script><script>alert(1)</script>")
                                    << QByteArray("</script><script>alert(1)</script>");
        QTest::newRow("valid UTF-8") << QByteArray("ünïcödé ✓ 🐳") << QByteArray("ünïcödé ✓ 🐳");
        QTest::newRow("invalid byte") << QByteArray("caf\xe9!") << QByteArray("caf\xef\xbf\xbd!");
        QTest::newRow("truncated sequence") << QByteArray("\xe2\x9c") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    }

    void escapesEverythingHostile()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        std::string out;
        JsonWriter::writeString(out, std::string_view(input.constData(), std::size_t(input.size())));
        // Whatever went in, what comes out is valid JSON that decodes to the safe text.
        const auto decoded = nlohmann::json::parse(out).get<std::string>();
        QCOMPARE(QByteArray::fromStdString(decoded), expected);
        for (const char c : out)
            QVERIFY(static_cast<unsigned char>(c) >= 0x20);
    }

    void largeOutputArrivesWhole()
    {
        std::ostringstream out;
        {
            JsonWriter json(out);
            json.beginArray();
            for (int i = 0; i < 100000; ++i)
                json.value(i);
            json.endArray();
        }
        const auto parsed = nlohmann::json::parse(out.str());
        QCOMPARE(parsed.size(), std::size_t(100000));
        QCOMPARE(parsed.back().get<int>(), 99999);
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
