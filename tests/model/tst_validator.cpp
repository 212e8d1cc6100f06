#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "badinputs.h"
#include "testfiles.h"

#include <QDir>
#include <QTest>

#include <cstring>

using namespace bulkhead;

/**
 * One model file per rule under tests/data/validation/: the valid base model with one defect.
 * Each row lists every finding expected as "severity code subject", so a rule that fires too
 * often, too rarely or on the wrong object fails the test.
 */
class TestValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findings_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QString>("messageFragment");
        auto row = [this](const char *name, QStringList expected, const char *fragment = "") {
            m_rows << QString::fromUtf8(name);
            QTest::newRow(name) << QString::fromUtf8(name) << expected << QString::fromUtf8(fragment);
        };
        row("valid", {});
        row("duplicate-id", {"error duplicate-id f1"},
            "id \"f1\" is used by element \"cache\" (f1) and again by flow \"requests\" (f1)");
        row("dangling-flow-source", {"error dangling-flow f3"}, "source \"nobody\", which does not exist");
        row("dangling-flow-target", {"error dangling-flow f3"}, "target \"gone\", which does not exist");
        row("flow-to-boundary", {"error dangling-flow f3"}, "which is a boundary; flows connect elements");
        row("self-flow", {"error self-flow f3"}, "flow \"loop\" (f3) goes from \"web\" to itself");
        row("unknown-kind", {"error unknown-kind db"}, "unknown kind \"mainframe\"");
        row("element-with-boundary-kind", {"error kind-role-mismatch db"}, "which is a boundary kind");
        row("boundary-with-element-kind", {"error kind-role-mismatch net"}, "which is a node kind");
        row("unknown-property", {"error unknown-property web"},
            "element \"web\" (web) has property \"priviledged\", which kind \"container\" does not define");
        row("unknown-flow-property", {"error unknown-property f1"}, "property \"cipher\", which a flow does not define");
        row("unknown-boundary-property", {"error unknown-property host"}, "which kind \"host\" does not define");
        row("wrong-type-bool", {"error property-type web"},
            "property \"privileged\" expects true or false but the value is a string");
        row("wrong-type-tri", {"error property-type web"},
            "\"runAsNonRoot\" expects yes, no or unknown but the value is a boolean");
        row("wrong-type-tri-value", {"error property-type web"},
            "\"runAsNonRoot\" expects yes, no or unknown but the value is \"maybe\"");
        row("wrong-type-enum", {"error property-type web"}, "\"seccompProfile\" expects runtimeDefault,");
        row("wrong-type-int", {"error property-type web"}, "\"image.ageDays\" expects an integer but the value is a string");
        row("wrong-type-string", {"error property-type web"}, "\"image.ref\" expects a string but the value is an integer");
        row("wrong-type-list", {"error property-type web"}, "\"capabilitiesAdded\" expects a list of strings");
        row("wrong-type-flow-property", {"error property-type f1"}, "\"port\" expects an integer");
        row("boundary-cycle", {"error boundary-cycle host"}, "is inside itself: host → net → host");
        row("boundary-own-parent", {"error boundary-cycle host"}, "is inside itself: host → host");
        row("unknown-boundary-of-element", {"error unknown-boundary db"}, "sits in boundary \"vpc\", which does not exist");
        row("unknown-parent-boundary", {"error unknown-boundary net"}, "names parent \"cluster\", which is not a boundary");
        row("unnamed-flow", {"warning unnamed-flow f2"}, "flow \"f2\" has no name");
        row("isolated-element", {"warning isolated-element orphan"}, "element \"scratch\" (orphan) has no data flows");
        row("unnamed-element", {"warning unnamed-element db"}, "element \"db\" has no name");
        row("duplicate-register-entry", {"error duplicate-register-entry RUN-01@web"}, "more than one register entry");
        row("unknown-manual-threat-target", {"error unknown-threat-target m1"},
            "applies to \"tape-library\", which is not an element, flow or boundary");
        row("control-characters", {"error property-type web", "warning isolated-element orphan\x1b[2J"},
            "element \"\\u202escratch\\x0asecond line\\x00\" (orphan\\x1b[2J) has no data flows");
    }

    void findings()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        QFETCH(QString, messageFragment);
        const QString path = test::dataPath(QStringLiteral("validation/%1.bulkhead.json").arg(file));
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        const auto diagnostics = validateModel(loaded->model, builtInCatalog());
        QStringList actual;
        QString messages;
        for (const Diagnostic &d : diagnostics) {
            actual << QString::fromUtf8(diagnosticSeverityKey(d.severity).data()) + QLatin1Char(' ')
                          + QString::fromStdString(d.code) + QLatin1Char(' ')
                          + QString::fromStdString(d.subject);
            messages += QString::fromStdString(d.message) + QLatin1Char('\n');
        }
        QCOMPARE(actual, expected);
        QCOMPARE(hasErrors(diagnostics), expected.join(QLatin1Char(' ')).contains(QLatin1String("error ")));
        if (!messageFragment.isEmpty())
            QVERIFY2(messages.contains(messageFragment), qPrintable(messages));
    }

    void messagesShowFileTextEscapedAndCut()
    {
        // Messages reach terminals, logs and the problems panel: a name or value from the file
        // cannot add a line, send escape sequences or flip the text's direction, and a long
        // value is cut. The subject stays the id itself, for programs.
        const auto loaded = readModelFile(test::dataPath(QStringLiteral("validation/control-characters.bulkhead.json")).toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        const auto diagnostics = validateModel(loaded->model, builtInCatalog());
        QCOMPARE(diagnostics.size(), std::size_t(2));
        for (const Diagnostic &d : diagnostics)
            QVERIFY2(test::isSafeOneLine(QString::fromStdString(d.message)), d.message.c_str());
        const QString typeError = QString::fromStdString(diagnostics[0].message);
        const QString cutValue = QStringLiteral("\"\\x1b]0;pwned\\x07") + QString(64, QLatin1Char('y')) + QStringLiteral("…\"");
        QVERIFY2(typeError.endsWith(QStringLiteral("but the value is ") + cutValue), qPrintable(typeError));
        QCOMPARE(diagnostics[1].subject, std::string("orphan\x1b[2J"));
    }

    void everyDataFileHasARow()
    {
        // A case file without a row would silently test nothing.
        const QDir dir(test::dataPath(QStringLiteral("validation")));
        QStringList cases = dir.entryList({QStringLiteral("*.bulkhead.json")});
        for (QString &name : cases)
            name.chop(int(std::strlen(".bulkhead.json")));
        cases.sort();
        QStringList rows = m_rows;
        rows.sort();
        QCOMPARE(cases, rows);
    }

private:
    QStringList m_rows;
};

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
