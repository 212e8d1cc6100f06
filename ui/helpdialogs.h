#pragma once

#include <QDialog>

class QListWidget;
class QMenuBar;
class QTableWidget;
class QTextBrowser;

namespace bulkhead {

/**
 * Help → User Guide: the documentation in docs/ as compiled into the application, so it reads
 * the same offline and matches the version running. Links between the pages work; links out
 * open in the browser.
 */
class UserGuideDialog : public QDialog
{
    Q_OBJECT

public:
    explicit UserGuideDialog(QWidget *parent = nullptr);
    /** Opens a guide window that deletes itself when closed; the editor stays usable. */
    static UserGuideDialog *showWindow(QWidget *parent);

    /** Shows a page by file name ("editor.md"); false when it is not bundled. */
    bool showPage(const QString &fileName);
    QTextBrowser *browser() const { return m_browser; }

private:
    QListWidget *m_pages;
    QTextBrowser *m_browser;
};

/**
 * Help → Keyboard Shortcuts: every menu command that has a shortcut, read from the menu bar's
 * actions, so the list cannot drift from what the keys do.
 */
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace bulkhead
