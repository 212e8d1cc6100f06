#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace bulkhead {

class Document;

/**
 * The application window: the model outline (boundaries with what they hold, then flows) in
 * the centre and the validation problems below. The diagram canvas replaces the outline as
 * the central view once the editor lands.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Document *document, QWidget *parent = nullptr);

    /** Opens a model file; a failure shows the loader's message and keeps the current model. */
    bool openFile(const QString &path);

    QTreeWidget *outlineView() const { return m_outline; }
    QListWidget *problemsView() const { return m_problems; }

private:
    void createActions();
    void openWithDialog();
    void showAbout();
    void refresh();
    void fillOutline();
    void fillProblems();
    void selectOutlineItem(const QString &id);
    QTreeWidgetItem *addBoundaryItem(const QString &boundaryId, QTreeWidgetItem *parent);

    Document *m_document;
    QTreeWidget *m_outline = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_statusCounts = nullptr;
};

} // namespace bulkhead
