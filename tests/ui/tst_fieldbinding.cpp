#include "panels/fieldbinding.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>

using namespace bulkhead;

namespace {

/** A panel with a line, a multi-line field and a spare field to move the focus to. */
struct Panel
{
    QWidget window;
    QLineEdit *line = new QLineEdit(&window);
    QPlainTextEdit *text = new QPlainTextEdit(&window);
    QLineEdit *elsewhere = new QLineEdit(&window);
    int lineCommits = 0;
    int lineReverts = 0;
    int textCommits = 0;
    int textReverts = 0;

    Panel()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(line);
        layout->addWidget(text);
        layout->addWidget(elsewhere);
        FieldBinding::bind(line, [this] { ++lineCommits; }, [this] { ++lineReverts; });
        FieldBinding::bind(text, [this] { ++textCommits; }, [this] { ++textReverts; });
        window.show();
        window.activateWindow();
    }

    // The counters go before the window: nothing may count while its fields go away.
    ~Panel() { FieldBinding::releaseAll(&window); }

    bool focus(QWidget *widget)
    {
        widget->setFocus();
        return QTest::qWaitFor([widget] { return widget->hasFocus(); });
    }
};

} // namespace

class TestFieldBinding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLineCommitsOnEnterAndOnLeaving()
    {
        Panel p;
        QVERIFY(QTest::qWaitForWindowActive(&p.window));
        QVERIFY(p.focus(p.line));
        QTest::keyClicks(p.line, QStringLiteral("abc"));
        QCOMPARE(p.lineCommits, 0);
        QTest::keyClick(p.line, Qt::Key_Return);
        QCOMPARE(p.lineCommits, 1);
        QTest::keyClicks(p.line, QStringLiteral("d"));
        QVERIFY(p.focus(p.elsewhere));
        QCOMPARE(p.lineCommits, 2);
        QCOMPARE(p.lineReverts, 0);
    }

    void escapeRevertsOnlyWhatWasTyped()
    {
        Panel p;
        QVERIFY(QTest::qWaitForWindowActive(&p.window));
        QVERIFY(p.focus(p.line));
        QTest::keyClick(p.line, Qt::Key_Escape);
        QCOMPARE(p.lineReverts, 0); // nothing typed: Escape is left to the window
        QTest::keyClicks(p.line, QStringLiteral("abc"));
        QTest::keyClick(p.line, Qt::Key_Escape);
        QCOMPARE(p.lineReverts, 1);

        QVERIFY(p.focus(p.text));
        QTest::keyClick(p.text, Qt::Key_Escape);
        QCOMPARE(p.textReverts, 0);
        QTest::keyClicks(p.text, QStringLiteral("note"));
        QTest::keyClick(p.text, Qt::Key_Escape);
        QCOMPARE(p.textReverts, 1);
    }

    void undoInAnUnmodifiedFieldIsTheWindows()
    {
        Panel p;
        int undos = 0;
        int redos = 0;
        auto *undo = new QAction(&p.window);
        undo->setShortcut(QKeySequence::Undo);
        QObject::connect(undo, &QAction::triggered, [&undos] { ++undos; });
        auto *redo = new QAction(&p.window);
        redo->setShortcut(QKeySequence::Redo);
        QObject::connect(redo, &QAction::triggered, [&redos] { ++redos; });
        p.window.addActions({undo, redo});
        QVERIFY(QTest::qWaitForWindowActive(&p.window));

        // Typing not yet committed: Ctrl+Z is the field's own.
        QVERIFY(p.focus(p.line));
        QTest::keyClicks(p.line, QStringLiteral("abc"));
        QTest::keyClick(p.line, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undos, 0);
        QCOMPARE(p.line->text(), QString());

        // Committed (the panel clears the modified flag): Undo and Redo go to the window.
        QTest::keyClicks(p.line, QStringLiteral("abc"));
        QTest::keyClick(p.line, Qt::Key_Return);
        p.line->setModified(false);
        QTest::keyClick(p.line, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undos, 1);
        QCOMPARE(p.line->text(), QStringLiteral("abc"));
        QTest::keySequence(p.line, QKeySequence(QKeySequence::Redo));
        QCOMPARE(redos, 1);

        QVERIFY(p.focus(p.text));
        QTest::keyClicks(p.text, QStringLiteral("note"));
        QTest::keyClick(p.text, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undos, 1);
        QTest::keyClicks(p.text, QStringLiteral("note"));
        p.text->document()->setModified(false);
        const QString committed = p.text->toPlainText();
        QTest::keyClick(p.text, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undos, 2);
        QCOMPARE(p.text->toPlainText(), committed);
    }

    void aMultiLineFieldCommitsOnCtrlEnterAndOnLeaving()
    {
        Panel p;
        QVERIFY(QTest::qWaitForWindowActive(&p.window));
        QVERIFY(p.focus(p.text));
        QTest::keyClicks(p.text, QStringLiteral("one"));
        QTest::keyClick(p.text, Qt::Key_Return); // a new line, no commit
        QCOMPARE(p.textCommits, 0);
        QCOMPARE(p.text->toPlainText(), QStringLiteral("one\n"));
        QTest::keyClick(p.text, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(p.textCommits, 1);
        QCOMPARE(p.text->toPlainText(), QStringLiteral("one\n")); // the key is taken
        QVERIFY(p.focus(p.elsewhere));
        QCOMPARE(p.textCommits, 2);
    }

    void commitFocusedCommitsTheFieldWithTheFocus()
    {
        Panel p;
        QVERIFY(QTest::qWaitForWindowActive(&p.window));
        QVERIFY(p.focus(p.text));
        QVERIFY(FieldBinding::commitFocused(&p.window));
        QCOMPARE(p.textCommits, 1);
        QCOMPARE(p.lineCommits, 0);
        QVERIFY(p.focus(p.elsewhere)); // not bound
        QVERIFY(!FieldBinding::commitFocused(&p.window));
        QCOMPARE(p.textCommits, 2); // the focus-out above
        QWidget other;
        QVERIFY(p.focus(p.line));
        QVERIFY(!FieldBinding::commitFocused(&other)); // not under that root
        QCOMPARE(p.lineCommits, 0);
    }

    void releasedFieldsCommitAndRevertNothing()
    {
        Panel p;
        QVERIFY(QTest::qWaitForWindowActive(&p.window));
        QVERIFY(p.focus(p.line));
        QTest::keyClicks(p.line, QStringLiteral("abc"));
        FieldBinding::releaseAll(&p.window);
        QTest::keyClick(p.line, Qt::Key_Escape);
        QTest::keyClick(p.line, Qt::Key_Return);
        QVERIFY(p.focus(p.text));
        QVERIFY(p.focus(p.elsewhere));
        QVERIFY(!FieldBinding::commitFocused(&p.window));
        QCOMPARE(p.lineCommits, 0);
        QCOMPARE(p.lineReverts, 0);
        QCOMPARE(p.textCommits, 0);
    }
};

QTEST_MAIN(TestFieldBinding)
#include "tst_fieldbinding.moc"
