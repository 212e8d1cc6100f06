#include "core/displaynames.h"
#include "displaynames.h"
#include "brackettranslator.h"

#include <QCoreApplication>
#include <QTest>

using namespace bulkhead;

namespace {

QString fromModel(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

class TestDisplayNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void untranslatedNamesAreTheModelsEnglishNames()
    {
        for (const Severity s : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical}) {
            QCOMPARE(severityName(s), fromModel(severityTitle(s)));
            // One text for a severity in the editor and in every report, "up to" included.
            QCOMPARE(severityName(s, false), fromModel(severityText(s, false)));
            QCOMPARE(severityName(s, true), fromModel(severityText(s, true)));
        }
        QCOMPARE(severityName(Severity::High, true), QStringLiteral("up to High"));
        for (int i = 0; i <= int(ThreatStatus::NotApplicable); ++i)
            QCOMPARE(threatStatusName(ThreatStatus(i)), fromModel(threatStatusTitle(ThreatStatus(i))));
        for (std::size_t i = 0; i < strideTitles.size(); ++i) {
            QCOMPARE(strideName(i), fromModel(strideTitles[i]));
            QCOMPARE(strideNameOfLetter(QChar(u"STRIDE"[i])), fromModel(strideTitles[i]));
            QCOMPARE(strideNameOfLetter(QChar(u"stride"[i])), fromModel(strideTitles[i]));
        }
    }

    void namesOutsideTheirRangeAreEmpty()
    {
        QVERIFY(strideName(6).isEmpty());
        QVERIFY(strideNameOfLetter(QLatin1Char('X')).isEmpty());
        QVERIFY(strideNameOfLetter(QChar()).isEmpty());
    }

    void namesGoThroughTheTranslator()
    {
        testing::BracketTranslator translator;
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString severity = severityName(Severity::High);
        const QString upTo = severityName(Severity::High, true);
        const QString status = threatStatusName(ThreatStatus::NeedsInvestigation);
        const QString stride = strideNameOfLetter(QLatin1Char('E'));
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(severity, QStringLiteral("[High]"));
        QCOMPARE(upTo, QStringLiteral("[up to %1]").arg(QStringLiteral("[High]")));
        QCOMPARE(status, QStringLiteral("[Needs investigation]"));
        QCOMPARE(stride, QStringLiteral("[Elevation of privilege]"));
    }
};

QTEST_GUILESS_MAIN(TestDisplayNames)
#include "tst_displaynames.moc"
