// The budgets of core/limits.h on imports: YAML refused while the parser runs (no progress,
// aliased bytes, nesting), and Compose projects whose networks, ports and depends_on run to
// thousands import and lay out at a cost in proportion to their size. Worst cases come from
// tests/bench/worstcases.cpp and are sized so that the quadratic code they replaced would run
// past the test's timeout; nothing here is timed.

#include "catalog/catalog.h"
#include "core/displaytext.h"
#include "core/limits.h"
#include "import/composeimporter.h"
#include "import/kubernetesimporter.h"
#include "import/yamltree.h"
#include "layout/graphvizlayoutengine.h"
#include "testfiles.h"
#include "worstcases.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fstream>
#include <set>

using namespace bulkhead;

namespace {

std::string budgetFile(const char *name)
{
    return test::dataPath(QStringLiteral("budgets/") + QLatin1String(name)).toStdString();
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/** The error of parsing `text`, or "(parsed)". */
std::string yamlRefusal(const std::string &text, const YamlLimits &limits = {})
{
    const auto parsed = parseYaml(text, "input.yml", limits);
    return parsed ? std::string("(parsed)") : parsed.error();
}

/** Imports a Compose file written from `text`, laid out and validated as the CLI does it. */
ImportResult importComposeText(const std::string &text)
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("compose.yml")).toStdString();
    std::ofstream(path) << text;
    auto imported = importCompose({path}, {});
    if (!imported)
        qFatal("import failed: %s", imported.error().c_str());
    GraphvizLayoutEngine layout;
    finishImport(*imported, builtInCatalog(), layout);
    return std::move(*imported);
}

bool reportSays(const ImportReport &report, const std::string &part)
{
    auto has = [&](const std::vector<ImportFinding> &findings) {
        return std::any_of(findings.begin(), findings.end(), [&](const ImportFinding &f) { return contains(f.text, part); });
    };
    return has(report.mapped) || has(report.flagged) || has(report.skipped)
           || std::any_of(report.validation.begin(), report.validation.end(), [&](const std::string &line) { return contains(line, part); });
}

} // namespace

class TestImportBudgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- YAML

    void strayCommaIsRefusedByBothImporters()
    {
        // yaml-cpp 0.7 starts a new empty document at the "," without consuming it, forever.
        const std::string path = budgetFile("stray-comma.yml");
        const std::string expected = path + ":1:1: invalid YAML: \",\" outside a flow collection ([ ] or { })";
        const auto compose = importCompose({path}, {});
        QVERIFY(!compose);
        QCOMPARE(compose.error(), expected);
        const auto kubernetes = importKubernetes({path});
        QVERIFY(!kubernetes);
        QCOMPARE(kubernetes.error(), expected);
        // The same class of input after a document, after a flow collection, after "---".
        QCOMPARE(yamlRefusal("- a\n,\n"), std::string("input.yml:2:1: invalid YAML: \",\" outside a flow collection ([ ] or { })"));
        QCOMPARE(yamlRefusal("[a],\n"), std::string("input.yml:1:4: invalid YAML: \",\" outside a flow collection ([ ] or { })"));
        QCOMPARE(yamlRefusal("a: 1\n---\n\"x\",\n"), std::string("input.yml:3:4: invalid YAML: \",\" outside a flow collection ([ ] or { })"));
        // Commas where YAML allows them, and empty documents, still read.
        const auto fine = parseYaml("a: [1, 2]\nb: {c: 3, d: 4}\ne: x, y\n---\n---\nf: 1\n", "fine.yml");
        QVERIFY2(fine, fine.error().c_str());
        QCOMPARE(fine->documents.size(), std::size_t(2));
        QCOMPARE(fine->documents[0].find("e")->scalar, std::string("x, y"));
    }

    void cliRefusesAStrayCommaWithOneLine()
    {
        QTemporaryDir dir;
        for (const char *source : {"compose", "k8s"}) {
            QProcess cli;
            cli.start(QStringLiteral(BULKHEAD_CLI_PATH), {QStringLiteral("import"), QLatin1String(source),
                                                          QString::fromStdString(budgetFile("stray-comma.yml")),
                                                          QStringLiteral("-o"), dir.filePath(QStringLiteral("out.bulkhead.json"))});
            QVERIFY(cli.waitForFinished(60000));
            QCOMPARE(cli.exitCode(), 2);
            const QString error = QString::fromUtf8(cli.readAllStandardError());
            QVERIFY2(error.endsWith(QStringLiteral("stray-comma.yml:1:1: invalid YAML: \",\" outside a flow collection ([ ] or { })\n")),
                     qPrintable(error));
            QCOMPARE(error.count(QLatin1Char('\n')), 1);
            QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.bulkhead.json"))));
        }
    }

    void aliasedBytesAreBudgetedBeforeTheyAreCopied()
    {
        // The probe: a 4 MiB string aliased 2,000 times is 8 GB of text in 500,000 nodes.
        const std::string refused = yamlRefusal(worstcase::aliasedScalar(4 * 1024 * 1024, 2000));
        QVERIFY2(contains(refused, "input.yml:11:11: the file expands to more than 32 MiB of text (aliases included); is it an alias bomb?"),
                 refused.c_str());
        // Anchors nested in anchors keep a copy each, and are budgeted as such.
        std::string nested = "x: ";
        for (int i = 0; i < 90; ++i)
            nested += "&a" + std::to_string(i) + " [";
        nested += "\"" + std::string(1024 * 1024, 'b') + "\"" + std::string(90, ']') + "\n";
        QVERIFY(contains(yamlRefusal(nested), "MiB of text (aliases included)"));
        // The budget counts keys and values, and is exact.
        YamlLimits small;
        small.maxExpandedBytes = 30; // "k", "abcdefgh" and the copy kept for its aliases, "l", "abcdefgh"…
        QCOMPARE(yamlRefusal("k: &v abcdefgh\nl: *v\nm: *v\n", small),
                 std::string("input.yml:3:4: the file expands to more than 30 bytes of text (aliases included); is it an alias bomb?"));
        const auto within = parseYaml("k: &v abcdefgh\nl: *v\n", "within.yml", small);
        QVERIFY2(within, within.error().c_str());
        QCOMPARE(within->documents.front().find("l")->scalar, std::string("abcdefgh"));
    }

    void recursiveAliasIsRefused()
    {
        const std::string path = budgetFile("recursive-alias.yml");
        const auto imported = importCompose({path}, {});
        QVERIFY(!imported);
        QCOMPARE(imported.error(), path + ":4:14: an alias refers to a node that contains it");
    }

    void nestingIsCheckedWhileParsing()
    {
        // Refused at the 101st level below the top, not after the parser has gone 2,000 deep.
        const std::string deep = std::string(100000, '[') + std::string(100000, ']') + "\n";
        QCOMPARE(yamlRefusal(deep), std::string("input.yml:1:102: nesting deeper than 100 levels"));
        // The top node is level 0, so 101 nested lists reach level 100, the deepest allowed.
        const std::string tooDeep = std::string(limits::maxYamlDepth + 2, '[') + std::string(limits::maxYamlDepth + 2, ']');
        QVERIFY(contains(yamlRefusal(tooDeep), "nesting deeper than 100 levels"));
        const std::string deepest = std::string(limits::maxYamlDepth + 1, '[') + std::string(limits::maxYamlDepth + 1, ']');
        QCOMPARE(yamlRefusal(deepest), std::string("(parsed)"));
        // An alias counts the depth of what it repeats.
        std::string anchored = "a: &deep " + std::string(60, '[') + std::string(60, ']') + "\nb:";
        for (int i = 0; i < 50; ++i)
            anchored += " [";
        anchored += "*deep" + std::string(50, ']') + "\n";
        QVERIFY(contains(yamlRefusal(anchored), "nesting deeper than 100 levels"));
    }

    void mergeKeysStillApplyUnderTheBudgets()
    {
        const auto parsed = parseYaml("base: &base {a: 1, b: 2}\nother: &other {b: 3, c: 4}\n"
                                      "use:\n  <<: [*base, *other]\n  a: 9\n  \"<<\": quoted\n",
                                      "merge.yml");
        QVERIFY2(parsed, parsed.error().c_str());
        const YamlNode &use = *parsed->documents.front().find("use");
        std::vector<std::string> keys;
        for (const auto &entry : use.entries)
            keys.push_back(entry.first + "=" + entry.second.scalar);
        QCOMPARE(keys, (std::vector<std::string>{"a=9", "<<=quoted", "b=2", "c=4"}));
        QCOMPARE(use.keyAt(2).line, 1); // a merged key keeps where its anchor wrote it
        QVERIFY(contains(yamlRefusal("a: 1\na: 2\n"), "input.yml:2:1: duplicate key \"a\""));
        QVERIFY(contains(yamlRefusal("? [a]\n: 1\n"), "input.yml:1:3: mapping keys must be plain text"));
        QVERIFY(contains(yamlRefusal("x:\n  <<: [1]\n"), "input.yml:2:7: a merge key (<<) takes a mapping or a list of mappings"));
    }

    // ---- What an import builds

    void importOverAModelBudgetIsRefused()
    {
        // The model file would not load again: the import says so instead of writing it.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("compose.yml")).toStdString();
        const std::string name(1001, 'w');
        std::ofstream(path) << "services:\n  " << name << ":\n    image: example/web:1\n";
        const auto imported = importCompose({path}, {});
        QVERIFY(!imported);
        QVERIFY2(contains(imported.error(), path + ": the imported model is over a budget: element \"" + std::string(displayExcerptLength, 'w')
                                                + "…\" (" + std::string(displayExcerptLength, 'w') + "…): id is 1,001 characters long; at most 1,000 are allowed"),
                 imported.error().c_str());
        QVERIFY(imported.error().size() < 400);
        std::ofstream(path) << "services:\n  " << std::string(1000, 'w') << ":\n    image: example/web:1\n";
        const auto fine = importCompose({path}, {});
        QVERIFY2(fine, fine.error().c_str());
    }

    // ---- Compose projects at scale

    void serviceOnThousandsOfNetworks()
    {
        // The probe: over 60 s and 4.8 GB, most of it Graphviz laying out 5,000 empty clusters.
        const ImportResult imported = importComposeText(worstcase::serviceOnNetworks(5000));
        QCOMPARE(imported.model.boundaries().size(), std::size_t(5001)); // the host and its networks
        const Element &web = *imported.model.findElement("web");
        QCOMPARE(web.boundary, std::string("network-net0"));
        QVERIFY(reportSays(imported.report, "service web is also on net1, net2, net3, net4, net5, net6, net7, net8, net9, net10 "
                                            "and 4989 more; it is drawn in net0"));
        QVERIFY(reportSays(imported.report, "automatic layout failed: the diagram has 5001 boundaries, more than automatic layout takes (300)"));
    }

    void thousandsOfPublishedPorts()
    {
        // The probe: 50,000 ports, each flow's insert rebuilding the model's index.
        std::string text = worstcase::serviceWithPorts(50000);
        text += "      - \"1:80\"\n"; // a repeat, published once
        const ImportResult imported = importComposeText(text);
        const auto &published = std::get<StringList>(imported.model.findElement("web")->properties.at("publishedPorts"));
        QCOMPARE(published.size(), std::size_t(50000));
        QCOMPARE(published.front(), std::string("0.0.0.0:1->80/tcp"));
        QCOMPARE(published.back(), std::string("0.0.0.0:50000->80/tcp"));
        QCOMPARE(std::set<std::string>(published.begin(), published.end()).size(), published.size());
        QVERIFY(imported.model.flows().size() >= 50000);
    }

    void thousandsOfServicesWithDependencies()
    {
        const ImportResult imported = importComposeText(worstcase::servicesInARing(20000));
        QCOMPARE(imported.model.elements().size(), std::size_t(20001)); // and the Docker Engine
        QCOMPARE(imported.model.flows().size(), std::size_t(20000));
        QVERIFY(imported.model.findFlow("s19999-to-s0"));
        QVERIFY(reportSays(imported.report, "more than automatic layout takes (2000)"));
    }

    void randomDependenciesAreLaidOutQuickly()
    {
        // 250 services with random depends_on kept Graphviz's dot busy for minutes: it now
        // lays out a spanning forest of the flows.
        const ImportResult imported = importComposeText(worstcase::servicesWithRandomDependencies(250, 3));
        QVERIFY(!reportSays(imported.report, "automatic layout failed"));
        const Rect &first = imported.model.findElement("s0")->geometry;
        const Rect &second = imported.model.findElement("s1")->geometry;
        QVERIFY(first.width > 0 && second.width > 0);
        QVERIFY(first.x != second.x || first.y != second.y);
    }
};

QTEST_GUILESS_MAIN(TestImportBudgets)
#include "tst_importbudgets.moc"
