#include "helpdialogs.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace bulkhead {

namespace {

const QString guideRoot = QStringLiteral(":/docs");

/** The menu's text without the & that marks its access key. */
QString plainText(const QString &text)
{
    QString plain = text;
    return plain.remove(QRegularExpression(QStringLiteral("&(?!&)")));
}

/** Every action of `menu` and its submenus that has a shortcut, with the path to it. */
void collectShortcuts(const QMenu *menu, const QString &path,
                      QList<std::pair<QString, const QAction *>> &out)
{
    for (const QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString here = path + QStringLiteral(" \u2192 ") + plainText(action->text());
        if (const QMenu *sub = action->menu())
            collectShortcuts(sub, here, out);
        else if (!action->shortcut().isEmpty())
            out.append({here, action});
    }
}

QDialogButtonBox *closeButton(QDialog *dialog)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

} // namespace

UserGuideDialog::UserGuideDialog(QWidget *parent)
    : QDialog(parent)
    , m_pages(new QListWidget(this))
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(tr("Bulkhead User Guide"));
    m_pages->setObjectName(QStringLiteral("guidePages"));
    m_browser->setObjectName(QStringLiteral("guideText"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSearchPaths({guideRoot});
    // The editor's guide first: it is where a new user starts.
    QStringList files = QDir(guideRoot).entryList({QStringLiteral("*.md")}, QDir::Files,
                                                  QDir::Name);
    if (files.removeOne(QStringLiteral("editor.md")))
        files.prepend(QStringLiteral("editor.md"));
    for (const QString &file : files)
        m_pages->addItem(file);
    connect(m_pages, &QListWidget::currentTextChanged, this,
            [this](const QString &file) { showPage(file); });

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_pages);
    splitter->addWidget(m_browser);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({180, 720});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(closeButton(this));
    resize(980, 700);
    m_pages->setCurrentRow(0);
}

UserGuideDialog *UserGuideDialog::showWindow(QWidget *parent)
{
    auto *guide = new UserGuideDialog(parent);
    guide->setAttribute(Qt::WA_DeleteOnClose);
    guide->show();
    return guide;
}

bool UserGuideDialog::showPage(const QString &fileName)
{
    const QString path = guideRoot + QLatin1Char('/') + fileName;
    if (!QFile::exists(path))
        return false;
    m_browser->setSource(QUrl(QStringLiteral("qrc") + path), QTextDocument::MarkdownResource);
    return true;
}

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menuBar, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    QList<std::pair<QString, const QAction *>> shortcuts;
    for (const QAction *top : menuBar->actions())
        if (const QMenu *menu = top->menu())
            collectShortcuts(menu, plainText(top->text()), shortcuts);
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Shortcut")});
    m_table->setRowCount(int(shortcuts.size()));
    for (int row = 0; row < shortcuts.size(); ++row) {
        const auto &[path, action] = shortcuts[row];
        m_table->setItem(row, 0, new QTableWidgetItem(path));
        m_table->setItem(
            row, 1, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(closeButton(this));
    resize(560, 600);
}

} // namespace bulkhead
