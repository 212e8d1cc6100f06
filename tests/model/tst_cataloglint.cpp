#include "catalog/catalog.h"
#include "catalog/cataloglint.h"
#include "testcatalog.h"
#include "testfiles.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

/** The built-in catalog with catalog/lint/lint-problems.json on top. */
const Catalog &lintCatalog()
{
    static const Catalog catalog = test::catalogWithTestFile(QStringLiteral("catalog/lint/lint-problems.json"));
    return catalog;
}

std::string lintFile()
{
    return test::dataPath(QStringLiteral("catalog/lint/lint-problems.json")).toStdString();
}

/** The problems' lines about entries of the test file, in order. */
std::vector<std::string> linesFromTheTestFile(const std::vector<LintProblem> &problems)
{
    std::vector<std::string> lines;
    for (const LintProblem &problem : problems) {
        if (problem.sourceFile == lintFile())
            lines.push_back(problem.line());
    }
    return lines;
}

/** Every problem's line, one a line: empty when there are none. */
QString joined(const std::vector<LintProblem> &problems)
{
    QString text;
    for (const LintProblem &problem : problems)
        text += QString::fromStdString(problem.line()) + QLatin1Char('\n');
    return text;
}

} // namespace

class TestCatalogLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theBuiltInCatalogHasNoMitigationWithoutEvidence()
    {
        const QString problems = joined(mitigationsWithoutEvidence(builtInCatalog()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void theBuiltInCatalogReadsOrMarksEveryProperty()
    {
        const QString problems = joined(unreadProperties(builtInCatalog()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aMitigationWithNeitherACheckNorAProcessMarkIsReported()
    {
        // M-LINT-OWN-CHECK (a check on its only link), M-LINT-PROCESS (process mark),
        // M-LINT-GLOBAL-CHECK (its own check) and M-LINT-PROCESS-HERE (a process mark on its
        // only link) pass; the linked and the unlinked mitigation with nothing are reported.
        const std::vector<std::string> lines = linesFromTheTestFile(mitigationsWithoutEvidence(lintCatalog()));
        const std::string prefix = lintFile() + ": mitigation ";
        const std::string what = ": no implementedWhen and no \"evidence\": \"process\", so it can never count as implemented";
        const std::vector<std::string> expected{
            prefix + "M-LINT-NO-EVIDENCE" + what + " (linked without a check by LINT-01)",
            prefix + "M-LINT-UNLINKED" + what,
        };
        QCOMPARE(lines, expected);
    }

    void aLinkWithoutACheckIsReportedEvenWhenAnotherLinkHasOne()
    {
        // Built-in M-IAM-PROTECT-KEYS-AND-CERTIFICATES has no check of its own and passes only
        // because every link gives one; a new threat linking it bare makes it fail.
        Catalog catalog;
        catalog.merge(builtInCatalog());
        ThreatRule bare = *builtInCatalog().findThreat("RUN-01");
        bare.id = "SITE-09";
        bare.mitigations = {MitigationLink{"M-IAM-PROTECT-KEYS-AND-CERTIFICATES", {}, MitigationEvidence::Model, nullptr, {}}};
        catalog.addThreat(std::move(bare));
        QVERIFY(catalog.finalize().empty());
        const std::vector<LintProblem> problems = mitigationsWithoutEvidence(catalog);
        QCOMPARE(problems.size(), std::size_t(1));
        QVERIFY2(problems.front().message.find("M-IAM-PROTECT-KEYS-AND-CERTIFICATES") != std::string::npos, problems.front().message.c_str());
        QVERIFY2(problems.front().message.find("(linked without a check by SITE-09)") != std::string::npos, problems.front().message.c_str());
    }

    void anUnreadPropertyIsReportedAndADescriptiveOneIsNot()
    {
        // watched (the rule), checked (only an implementedWhen) and owner (descriptive) pass;
        // colour and the flow property are read by nothing, and overMarked is read although
        // marked descriptive.
        const std::vector<std::string> lines = linesFromTheTestFile(unreadProperties(lintCatalog()));
        const std::string unread = ": no rule or implementedWhen reads it; wire it into one, or mark it \"descriptive\": true";
        const std::vector<std::string> expected{
            lintFile() + ": flow property lintFlowNote" + unread,
            lintFile() + ": kind lint-widget: property colour" + unread,
            lintFile() + ": kind lint-widget: property overMarked: marked \"descriptive\" but read by a rule or the analysis; drop the mark",
        };
        QCOMPARE(lines, expected);
    }

    void propertiesTheAnalysisReadsItselfAreRead()
    {
        // inScope, dataClassification and carriesSecrets drive the analysis without a rule;
        // marking one descriptive would hide that, so the mark is reported.
        Catalog catalog;
        catalog.merge(builtInCatalog());
        for (const char *name : {"inScope", "dataClassification"}) {
            PropertySpec spec = *catalog.findProperty(*catalog.findKind("container"), name);
            spec.descriptive = true;
            catalog.addCommonElementProperty(std::move(spec));
        }
        PropertySpec secrets = *catalog.findFlowProperty("carriesSecrets");
        secrets.descriptive = true;
        catalog.addFlowProperty(std::move(secrets));
        QVERIFY(catalog.finalize().empty());
        std::vector<std::string> marks;
        for (const LintProblem &problem : unreadProperties(catalog)) {
            if (problem.message.find("drop the mark") != std::string::npos)
                marks.push_back(problem.message);
        }
        const std::vector<std::string> expected{
            "common element property inScope: marked \"descriptive\" but read by a rule or the analysis; drop the mark",
            "common element property dataClassification: marked \"descriptive\" but read by a rule or the analysis; drop the mark",
            "flow property carriesSecrets: marked \"descriptive\" but read by a rule or the analysis; drop the mark",
        };
        QCOMPARE(marks, expected);
    }
};

QTEST_GUILESS_MAIN(TestCatalogLint)
#include "tst_cataloglint.moc"
