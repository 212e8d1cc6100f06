// The figures the editor and every report share: the STRIDE-per-element matrix, defense in
// depth, and the property settings read from a compiled check.
#include "analysis/analysis.h"
#include "analysis/defenseindepth.h"
#include "analysis/stridematrix.h"
#include "catalog/catalog.h"
#include "catalog/expressionintrospection.h"
#include "core/threatmodel.h"
#include "report/reportmodel.h"

#include <QTest>

#include <algorithm>
#include <deque>

using namespace bulkhead;

namespace {

/** Threats made by hand from rules that exist only for the test. */
class HandMadeThreats
{
public:
    const Threat *add(const std::string &subject, const std::string &stride, ThreatStatus status,
                      Severity residual, SubjectType type = SubjectType::Element)
    {
        ThreatRule &rule = m_rules.emplace_back();
        rule.id = "R" + std::to_string(m_rules.size());
        rule.stride = stride;
        Threat &threat = m_threats.emplace_back();
        threat.rule = &rule;
        threat.subjectType = type;
        threat.subjectId = subject;
        threat.status = status;
        threat.residualSeverity = residual;
        m_list.push_back(&threat);
        return &threat;
    }
    const std::vector<const Threat *> &list() const { return m_list; }

private:
    std::deque<ThreatRule> m_rules;
    std::deque<Threat> m_threats;
    std::vector<const Threat *> m_list;
};

const StrideCell &cell(const StrideMatrixRow &row, char letter)
{
    return row.letters[static_cast<std::size_t>(strideIndex(letter))];
}

CompiledExpression compileFor(const std::string &kind, const std::string &text)
{
    const Catalog &catalog = builtInCatalog();
    CompileContext context;
    context.catalog = &catalog;
    context.subjectKinds = {catalog.findKind(kind)};
    auto compiled = compileExpression(text, context);
    if (!compiled)
        qFatal("%s: %s", text.c_str(), compiled.error().c_str());
    return std::move(*compiled);
}

std::vector<const Threat *> pointers(const AnalysisResult &result)
{
    std::vector<const Threat *> out;
    for (const Threat &t : result.threats)
        out.push_back(&t);
    return out;
}

/** A host "h" holding a privileged container "c". */
ThreatModel privilegedContainerOnHost()
{
    ThreatModel model;
    model.addBoundary({"h", "host", "Node", "", {}, {}});
    // Unconfined on purpose: on a plain host Docker's default profile would be assumed.
    model.addElement({"c", "container", "Web", "h", {{"privileged", true}, {"seccompProfile", std::string("unconfined")}}, {}});
    return model;
}

} // namespace

class TestReportFigures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLetterCountsAndThePrimaryIsMarked()
    {
        HandMadeThreats threats;
        threats.add("a", "TIE", ThreatStatus::Open, Severity::High);
        threats.add("a", "I", ThreatStatus::NeedsInvestigation, Severity::Low);
        threats.add("a", "IE", ThreatStatus::Mitigated, Severity::Critical);
        threats.add("b", "D", ThreatStatus::Open, Severity::Medium);
        const StrideMatrix matrix = buildStrideMatrix(threats.list());

        QCOMPARE(matrix.rows.size(), std::size_t(2));
        const StrideMatrixRow &a = matrix.rows[0];
        QCOMPARE(a.subjectId, std::string("a"));
        QCOMPARE(cell(a, 'T').open, 1);
        QCOMPARE(cell(a, 'T').primary, 1);
        QCOMPARE(cell(a, 'I').open, 2);
        QCOMPARE(cell(a, 'I').primary, 1); // only the second threat has I first
        QCOMPARE(cell(a, 'I').closed, 1);
        QCOMPARE(cell(a, 'E').open, 1);
        QCOMPARE(cell(a, 'E').primary, 0);
        QCOMPARE(cell(a, 'S').open, 0);
        QVERIFY(!cell(a, 'S').worst);
        // The mitigated critical does not make the cell critical.
        QCOMPARE(*cell(a, 'I').worst, Severity::High);
        QCOMPARE(cell(a, 'I').openThreats, (std::vector<std::size_t>{0, 1}));
        // Each threat once in the total, although the cells add up to four.
        QCOMPARE(a.total.open, 2);
        QCOMPARE(a.total.closed, 1);
        QCOMPARE(a.firstThreat, std::size_t(0));
        QCOMPARE(matrix.rows[1].firstThreat, std::size_t(3));
        QVERIFY(matrix.find("b"));
        QVERIFY(!matrix.find("c"));
    }

    void aLetterWrittenTwiceCountsOnceAndOthersAreIgnored()
    {
        HandMadeThreats threats;
        threats.add("a", "eEx?", ThreatStatus::Open, Severity::Low);
        const StrideMatrix matrix = buildStrideMatrix(threats.list());
        QCOMPARE(cell(matrix.rows[0], 'E').open, 1);
        QCOMPARE(cell(matrix.rows[0], 'E').primary, 1);
        QCOMPARE(matrix.rows[0].total.open, 1);
        int all = 0;
        for (const StrideCell &c : matrix.rows[0].letters)
            all += c.open;
        QCOMPARE(all, 1);
    }

    void conditionsAreReadFromTheCompiledCheck_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("expected"); // alternatives separated by |, conditions by &
        QTest::newRow("equal bool") << "container" << "privileged == false" << "privileged=false";
        QTest::newRow("literal first") << "container" << "false == privileged" << "privileged=false";
        QTest::newRow("bare bool") << "container" << "readOnlyRootFilesystem"
                                   << "readOnlyRootFilesystem=true";
        QTest::newRow("not") << "container" << "not privileged" << "privileged=false";
        QTest::newRow("not equal bool") << "container" << "privileged != true" << "privileged=false";
        QTest::newRow("tri") << "container" << "image.nonRootUser == true" << "image.nonRootUser=yes";
        QTest::newRow("in list") << "container" << "seccompProfile in [\"runtimeDefault\", \"localhost\"]"
                                 << "seccompProfile=runtimeDefault";
        QTest::newRow("and") << "container" << "privileged == false and readOnlyRootFilesystem"
                             << "privileged=false&readOnlyRootFilesystem=true";
        QTest::newRow("or") << "container" << "privileged == false or readOnlyRootFilesystem"
                            << "privileged=false|readOnlyRootFilesystem=true";
        QTest::newRow("boundary") << "container" << "host.runtimeMonitoring == true"
                                  << "host:runtimeMonitoring=yes";
        QTest::newRow("contradiction") << "container" << "privileged and not privileged" << "";
        QTest::newRow("not equal string") << "container" << "seccompProfile != \"unconfined\"" << "";
        QTest::newRow("function") << "container" << "reachableFrom(\"internet\")" << "";
        QTest::newRow("kind") << "container" << "kind == \"container\"" << "";
        QTest::newRow("half expressible or")
            << "container" << "kind == \"container\" or privileged == false" << "privileged=false";
    }

    void conditionsAreReadFromTheCompiledCheck()
    {
        QFETCH(QString, kind);
        QFETCH(QString, check);
        QFETCH(QString, expected);
        QStringList alternatives;
        for (const ConditionSet &set : satisfyingConditions(compileFor(kind.toStdString(), check.toStdString()))) {
            QStringList conditions;
            for (const PropertyCondition &c : set) {
                const QString holder = c.holder == Holder::EnclosingBoundary
                                           ? QString::fromStdString(c.boundaryKind->id) + QLatin1Char(':')
                                           : QString();
                conditions << holder + QString::fromStdString(c.property) + QLatin1Char('=')
                                  + QString::fromStdString(propertyValueToDisplayString(c.value));
            }
            alternatives << conditions.join(QLatin1Char('&'));
        }
        QCOMPARE(alternatives.join(QLatin1Char('|')), expected);
    }

    void coverageCountsLinksAndStates()
    {
        ThreatModel model = privilegedContainerOnHost();
        // Two containers: the control is in place on one of them only.
        model.addElement({"d", "container", "Api", "h", {{"privileged", true}, {"seccompProfile", std::string("runtimeDefault")}}, {}});
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::vector<const Threat *> threats = pointers(result);
        const DefenseInDepth coverage = buildDefenseInDepth(builtInCatalog(), threats);

        QCOMPARE(coverage.layers.size(), std::size(allDefenseLayers));
        const MitigationCoverage *seccomp = coverage.find("M-RUN-SECCOMP-PROFILE");
        QVERIFY(seccomp);
        QVERIFY(seccomp->threats.size() >= 2);
        QVERIFY(seccomp->implementedFor > 0 && seccomp->implementedFor < seccomp->threats.size());
        QCOMPARE(seccomp->state(), CoverageState::Partial);
        for (const CoveredThreat &covered : seccomp->threats) {
            const Threat &t = *threats[covered.threat];
            QCOMPARE(t.rule->mitigations[covered.link].mitigation->id, std::string("M-RUN-SECCOMP-PROFILE"));
            QCOMPARE(covered.implemented, t.subjectId == "d");
        }
        QCOMPARE(coverage.find("M-RUN-NO-PRIVILEGED")->state(), CoverageState::Missing);

        // Every linked (threat, mitigation) pair is counted once, in the layer of its mitigation.
        std::size_t links = 0;
        std::size_t implemented = 0;
        for (const Threat *t : threats) {
            for (const MitigationState &m : t->mitigations()) {
                ++links;
                implemented += m.implemented ? 1 : 0;
            }
        }
        std::size_t countedLinks = 0;
        std::size_t countedImplemented = 0;
        for (const LayerCoverage &layer : coverage.layers) {
            countedLinks += layer.links();
            countedImplemented += layer.implementedLinks();
            QCOMPARE(layer.count(CoverageState::Implemented) + layer.count(CoverageState::Partial)
                         + layer.count(CoverageState::Missing),
                     layer.recommended());
            for (const MitigationCoverage &m : layer.mitigations)
                QCOMPARE(m.mitigation->layer, layer.layer);
            if (layer.links())
                QCOMPARE(layer.coveragePercent(),
                         int((layer.implementedLinks() * 100 + layer.links() / 2) / layer.links()));
            else
                QCOMPARE(layer.coveragePercent(), -1);
        }
        QCOMPARE(countedLinks, links);
        QCOMPARE(countedImplemented, implemented);
        QVERIFY(implemented > 0);
    }

    void planSetsTheSubjectOrItsBoundary()
    {
        const ThreatModel model = privilegedContainerOnHost();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::vector<const Threat *> threats = pointers(result);
        const DefenseInDepth coverage = buildDefenseInDepth(builtInCatalog(), threats);

        const MitigationPlan privileged = planMitigation(*coverage.find("M-RUN-NO-PRIVILEGED"), threats, model, builtInCatalog());
        QCOMPARE(privileged.settings, (std::vector<PropertySetting>{{"c", "privileged", false}}));
        QCOMPARE(privileged.inexpressible, std::size_t(0));

        const MitigationPlan nonRoot = planMitigation(*coverage.find("M-IMG-NON-ROOT-USER"), threats, model, builtInCatalog());
        QCOMPARE(nonRoot.settings, (std::vector<PropertySetting>{{"c", "image.nonRootUser", std::string("yes")}}));

        // `host.runtimeMonitoring == true` is a property of the enclosing host, not of the container.
        const MitigationCoverage *monitoring = nullptr;
        for (const LayerCoverage &layer : coverage.layers) {
            for (const MitigationCoverage &m : layer.mitigations) {
                for (const CoveredThreat &covered : m.threats) {
                    const MitigationLink &link = threats[covered.threat]->rule->mitigations[covered.link];
                    if (link.implementedWhen.text == "host.runtimeMonitoring == true")
                        monitoring = &m;
                }
            }
        }
        QVERIFY(monitoring);
        const MitigationPlan plan = planMitigation(*monitoring, threats, model, builtInCatalog());
        const PropertySetting onHost{"h", "runtimeMonitoring", std::string("yes")};
        QVERIFY(std::find(plan.settings.begin(), plan.settings.end(), onHost) != plan.settings.end());
        for (const PropertySetting &setting : plan.settings)
            QVERIFY2(setting.holderId == "h" || setting.holderId == "c", setting.holderId.c_str());

        // A control with no check is inexpressible for each threat that lacks it.
        for (const LayerCoverage &layer : coverage.layers) {
            for (const MitigationCoverage &m : layer.mitigations) {
                if (!m.mitigation->implementedWhen.empty())
                    continue;
                bool overridden = false;
                for (const CoveredThreat &covered : m.threats)
                    overridden = overridden || !threats[covered.threat]->rule->mitigations[covered.link].implementedWhenOverride.empty();
                if (overridden)
                    continue;
                const MitigationPlan none = planMitigation(m, threats, model, builtInCatalog());
                QVERIFY(none.settings.empty());
                QCOMPARE(none.inexpressible, m.threats.size() - m.implementedFor);
            }
        }
    }

    void planSkipsValuesAlreadyStoredAndOutsideTheSchema()
    {
        ThreatModel model = privilegedContainerOnHost();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::vector<const Threat *> threats = pointers(result);
        const DefenseInDepth coverage = buildDefenseInDepth(builtInCatalog(), threats);
        const MitigationCoverage &privileged = *coverage.find("M-RUN-NO-PRIVILEGED");
        // Stored already (the check fails for another reason): nothing to set.
        model.findElement("c")->properties["privileged"] = false;
        QVERIFY(planMitigation(privileged, threats, model, builtInCatalog()).settings.empty());
        // The subject is gone: no item holds the property.
        model.removeElement("c");
        const MitigationPlan gone = planMitigation(privileged, threats, model, builtInCatalog());
        QVERIFY(gone.settings.empty());
        QCOMPARE(gone.inexpressible, privileged.threats.size());
    }

    void reportUsesTheSameFigures()
    {
        ThreatModel model = privilegedContainerOnHost();
        model.metadata().title = "Figures";
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
        const std::vector<const Threat *> threats = pointers(result);
        const StrideMatrix matrix = buildStrideMatrix(threats);
        QCOMPARE(report.matrix.size(), matrix.rows.size());
        for (std::size_t r = 0; r < matrix.rows.size(); ++r) {
            QCOMPARE(report.matrix[r].subjectId, matrix.rows[r].subjectId);
            QCOMPARE(report.matrix[r].total.open, matrix.rows[r].total.open);
            for (std::size_t c = 0; c < 6; ++c) {
                QCOMPARE(report.matrix[r].letters[c].open, matrix.rows[r].letters[c].open);
                QCOMPARE(report.matrix[r].letters[c].primary, matrix.rows[r].letters[c].primary);
            }
        }
        QCOMPARE(report.matrix[0].name, std::string("Node"));
        const DefenseInDepth coverage = buildDefenseInDepth(builtInCatalog(), threats);
        QCOMPARE(report.layers.size(), coverage.layers.size());
        for (std::size_t l = 0; l < coverage.layers.size(); ++l) {
            QCOMPARE(report.layers[l].coveragePercent, coverage.layers[l].coveragePercent());
            QCOMPARE(report.layers[l].implemented, coverage.layers[l].count(CoverageState::Implemented));
            QCOMPARE(report.layers[l].partial, coverage.layers[l].count(CoverageState::Partial));
            QCOMPARE(report.layers[l].missing, coverage.layers[l].count(CoverageState::Missing));
            QCOMPARE(report.layers[l].mitigations.size(), coverage.layers[l].recommended());
        }

        // Left-out threats leave the report's figures, and only those.
        ReportOptions noMitigated;
        noMitigated.includeMitigated = false;
        model.setRegisterEntry({result.threats.front().id(), ThreatStatus::Mitigated, "done", "", {}, ""});
        const AnalysisResult decided = analyzeModel(model, builtInCatalog());
        const ReportData smaller = buildReport(model, builtInCatalog(), decided, noMitigated, "2026-01-01");
        int before = 0;
        int after = 0;
        for (const MatrixRow &row : report.matrix)
            before += row.total.open + row.total.closed;
        for (const MatrixRow &row : smaller.matrix)
            after += row.total.open + row.total.closed;
        QCOMPARE(after, before - 1);
    }
};

QTEST_GUILESS_MAIN(TestReportFigures)
#include "tst_reportfigures.moc"
