#include "badinputs.h"
#include "io/modelreader.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace bulkhead;

namespace {

/** Drops root's permission override for the scope, so file modes apply as to a user. */
class UnprivilegedScope
{
public:
    UnprivilegedScope()
        : m_wasRoot(::geteuid() == 0)
    {
        if (m_wasRoot && ::seteuid(test::nobodyUid) != 0)
            qFatal("cannot drop privileges for the unreadable-file case");
    }
    ~UnprivilegedScope()
    {
        if (m_wasRoot && ::seteuid(0) != 0)
            qFatal("cannot restore privileges");
    }
    UnprivilegedScope(const UnprivilegedScope &) = delete;
    UnprivilegedScope &operator=(const UnprivilegedScope &) = delete;

private:
    bool m_wasRoot;
};

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_scratch.isValid()); }

    void refusedWithOneReadableLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("unprivileged");
        for (const test::BadInput &input : test::badInputs(m_scratch.path()))
            QTest::newRow(qPrintable(input.name))
                << input.path << input.expected << input.needsUnprivilegedReader;
    }

    void refusedWithOneReadableLine()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        QFETCH(bool, unprivileged);
        std::optional<UnprivilegedScope> scope;
        if (unprivileged)
            scope.emplace();
        const auto loaded = readModelFile(path.toStdString());
        scope.reset();
        QVERIFY(!loaded);
        const QString message = QString::fromStdString(loaded.error());
        QVERIFY2(message.startsWith(path), qPrintable(message));
        QVERIFY2(message.mid(path.size()).startsWith(expected), qPrintable(message));
        // No raw bytes from the file reach a terminal, and however long the input, the
        // message stays short.
        QVERIFY2(test::isSafeOneLine(message), qPrintable(message));
        QVERIFY2(message.size() - path.size() < test::maxMessageLength, qPrintable(message.left(1000)));
    }

private:
    QTemporaryDir m_scratch;
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
