#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "io/modelreader.h"
#include "precisioncorpus.h"
#include "testfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace bulkhead;

namespace {

/**
 * Superseded pairs that fired together on one subject ("RUN-05 with IMG-02 on web"), read
 * from the catalog's own `supersedes` relation, and how many findings cover another.
 */
struct PairCheck
{
    std::vector<std::string> together;
    int covering = 0;
};

PairCheck checkPairs(const ThreatModel &model, const AnalysisResult &result)
{
    PairCheck check;
    std::map<std::string, std::set<const ThreatRule *>> rulesBySubject;
    // Flow threats by the element their flow goes into: an element threat covers those.
    std::map<std::string, std::set<const ThreatRule *>> flowRulesByTarget;
    for (const Threat &threat : result.threats) {
        if (!threat.rule)
            continue;
        rulesBySubject[std::string(subjectTypeKey(threat.subjectType)) + " " + threat.subjectId]
            .insert(threat.rule);
        if (threat.subjectType == SubjectType::Flow)
            flowRulesByTarget[model.flows()[static_cast<std::size_t>(threat.subjectIndex)].target]
                .insert(threat.rule);
        if (threat.supersededMask != 0)
            ++check.covering;
    }
    for (const Threat &threat : result.threats) {
        if (!threat.rule || threat.subjectType != SubjectType::Element)
            continue;
        const auto &intoSubject = flowRulesByTarget[threat.subjectId];
        for (const ThreatRule *hidden : threat.rule->supersededRules) {
            if (hidden->scope == RuleScope::Flow && intoSubject.count(hidden))
                check.together.push_back(threat.rule->id + " with " + hidden->id
                                         + " on a flow into " + threat.subjectId);
        }
    }
    for (const auto &[subject, rules] : rulesBySubject) {
        for (const ThreatRule *rule : rules) {
            for (const ThreatRule *hidden : rule->supersededRules) {
                if (rules.count(hidden))
                    check.together.push_back(rule->id + " with " + hidden->id + " on " + subject);
            }
        }
    }
    return check;
}

QString joined(const std::vector<std::string> &lines)
{
    QStringList list;
    for (const std::string &line : lines)
        list << QString::fromStdString(line);
    return list.join(QLatin1Char('\n'));
}

/** Every file under tests/data/import/DIR with one of the suffixes, sorted. */
QStringList fixtureFiles(const QString &dir, const QStringList &patterns)
{
    QStringList files;
    QDirIterator it(test::dataPath(QStringLiteral("import/") + dir), patterns, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace

/** No threat is reported next to one it supersedes, on any model the project ships or tests. */
class TestSupersedes : public QObject
{
    Q_OBJECT

private:
    static void check(const QString &name, const ThreatModel &model)
    {
        const PairCheck check = checkPairs(model, analyzeModel(model, builtInCatalog()));
        QVERIFY2(check.together.empty(),
                 qPrintable(name + QStringLiteral(":\n") + joined(check.together)));
    }

private Q_SLOTS:
    void builtInCatalogHasSupersedes()
    {
        int pairs = 0;
        for (const ThreatRule &rule : builtInCatalog().threats())
            pairs += int(rule.supersededRules.size());
        QVERIFY(pairs > 0);
    }

    void examples_data() { test::addExampleRows(); }

    void examples()
    {
        QFETCH(QString, path);
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        check(path, loaded->model);
    }

    void importFixtures_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QString>("path");
        const QStringList compose = fixtureFiles(QStringLiteral("compose"),
                                                   {QStringLiteral("*.yml"), QStringLiteral("*.yaml")});
        const QStringList k8s = fixtureFiles(QStringLiteral("k8s"),
                                               {QStringLiteral("*.yml"), QStringLiteral("*.yaml"), QStringLiteral("*.json")});
        QVERIFY(compose.size() > 5 && k8s.size() > 20);
        for (const QString &path : compose)
            QTest::newRow(qPrintable(path)) << QStringLiteral("compose") << path;
        for (const QString &path : k8s)
            QTest::newRow(qPrintable(path)) << QStringLiteral("k8s") << path;
    }

    void importFixtures()
    {
        QFETCH(QString, importer);
        QFETCH(QString, path);
        const std::vector<std::string> files{path.toStdString()};
        const auto imported = importer == QLatin1String("compose") ? importCompose(files, {})
                                                                    : importKubernetes(files);
        if (!imported)
            QSKIP("does not import (a bad-input fixture)");
        check(path, imported->model);
    }

    void corpus_data()
    {
        QTest::addColumn<QString>("folder");
        const QStringList folders = precision::corpusFolders();
        QVERIFY(folders.size() >= 12);
        for (const QString &folder : folders)
            QTest::newRow(qPrintable(QDir(folder).dirName())) << folder;
    }

    void corpus()
    {
        QFETCH(QString, folder);
        QString error;
        const auto deployment = precision::loadDeployment(folder, error);
        QVERIFY2(deployment, qPrintable(error));
        std::vector<std::string> inputs;
        for (const QString &input : deployment->inputs)
            inputs.push_back(input.toStdString());
        const auto imported = deployment->importer == QLatin1String("compose")
                                  ? importCompose(inputs, {}, ComposeImportOptions{folder.toStdString()})
                                  : importKubernetes(inputs);
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        check(folder, imported->model);
    }

    void anElementThreatHidesAFlowThreatIntoItsSubject()
    {
        // A database port on every interface of a host nobody described: RUN-19 asks on the
        // container, and NET-09 on the flow into the data store would repeat the question.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compose.yml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("services:\n"
                   "  db:\n"
                   "    image: postgres:16\n"
                   "    ports:\n"
                   "      - \"5432:5432\"\n");
        file.close();
        const auto imported = importCompose({path.toStdString()}, {});
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        const AnalysisResult result = analyzeModel(imported->model, builtInCatalog());
        const Threat *run19 = result.findThreat("RUN-19@db");
        QVERIFY(run19);
        const auto notes = run19->riskNotes();
        // The note is written only when NET-09 fired on a flow into db and was hidden there.
        QVERIFY(std::find(notes.begin(), notes.end(), "covers NET-09 on the flows into this element")
                != notes.end());
        QVERIFY(std::none_of(result.threats.begin(), result.threats.end(),
                             [](const Threat &t) { return t.rule && t.rule->id == "NET-09"; }));
        QVERIFY(checkPairs(imported->model, result).together.empty());
    }

    void aThreatReportedOncePerTargetCountsTheOtherFlows()
    {
        ThreatModel model;
        model.addElement({"a", "container", "A", "", {}, {}});
        model.addElement({"b", "container", "B", "", {}, {}});
        model.addElement({"api", "container", "API", "", {}, {}});
        const PropertyMap unauthenticated{{"authentication", std::string("none")},
                                          {"mutualTls", std::string("no")}};
        model.addFlow({"a-api", "call", "a", "api", false, {}, {}});
        model.addFlow({"b-api", "call", "b", "api", false, unauthenticated, {}});
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        // Reported on the target api; a-api needs confirmation, b-api fires outright: b-api's
        // finding is the one kept.
        QVERIFY(!result.findThreat("NET-04@a-api"));
        QVERIFY(!result.findThreat("NET-04@b-api"));
        const Threat *reported = result.findThreat("NET-04@api");
        QVERIFY(reported);
        QVERIFY(reported->subjectType == SubjectType::Element);
        QVERIFY(!reported->needsConfirmation);
        QCOMPARE(reported->evaluatedFlow, 1);
        QCOMPARE(int(reported->otherFlowsIntoTarget), 1);
        // Its inputs are the flow it was evaluated on.
        const ThreatExplainer explainer(model, builtInCatalog());
        const auto inputs = explainer.inputs(*reported);
        QVERIFY(std::any_of(inputs.begin(), inputs.end(), [](const RuleInput &input) {
            return input.holderId == "b-api" && input.property == "authentication";
        }));
    }

    void aThreatReportedOncePerTargetKeepsItsIdWhenCallersChange()
    {
        ThreatModel model;
        model.addElement({"a", "container", "A", "", {}, {}});
        model.addElement({"c", "container", "C", "", {}, {}});
        model.addElement({"api", "container", "API", "", {}, {}});
        const PropertyMap unauthenticated{{"authentication", std::string("none")},
                                          {"mutualTls", std::string("no")}};
        model.addFlow({"a-api", "call", "a", "api", false, unauthenticated, {}});
        QVERIFY(analyzeModel(model, builtInCatalog()).findThreat("NET-04@api"));
        // A new caller drawn first does not move the finding.
        ThreatModel more;
        more.addElement({"c", "container", "C", "", {}, {}});
        more.addElement({"a", "container", "A", "", {}, {}});
        more.addElement({"api", "container", "API", "", {}, {}});
        more.addFlow({"c-api", "call", "c", "api", false, unauthenticated, {}});
        more.addFlow({"a-api", "call", "a", "api", false, unauthenticated, {}});
        const AnalysisResult result = analyzeModel(more, builtInCatalog());
        const Threat *reported = result.findThreat("NET-04@api");
        QVERIFY(reported);
        QCOMPARE(int(reported->otherFlowsIntoTarget), 1);
        QVERIFY(!result.findThreat("NET-04@c-api"));
    }

    void examplesHaveSubjectsWhereOneThreatHidesAnother()
    {
        // Guards the checks above against passing vacuously: the examples alone have subjects
        // where a superseding threat fired next to one it hides.
        const QDir dir(test::sourcePath(QStringLiteral("examples")));
        int covering = 0;
        for (const QString &name : dir.entryList({QStringLiteral("*.bulkhead.json")})) {
            const auto loaded = readModelFile(dir.filePath(name).toStdString());
            QVERIFY2(loaded, loaded.error().c_str());
            covering += checkPairs(loaded->model, analyzeModel(loaded->model, builtInCatalog()))
                            .covering;
        }
        QVERIFY2(covering >= 20, qPrintable(QString::number(covering)));
    }
};

QTEST_GUILESS_MAIN(TestSupersedes)
#include "tst_supersedes.moc"
