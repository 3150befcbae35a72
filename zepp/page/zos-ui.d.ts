// Two functions of @zos/ui that @zeppos/device-types 4.0.0's declaration of the module lacks: deleteWidget
// (API level 2.0 and up, in Zepp's documentation and every app that frees its widgets) and
// setStatusBarVisible (the square screens' status bar over the page's top; read at run time, since a
// device without it must still run the page).
declare module "@zos/ui" {
  function deleteWidget(widget: unknown): boolean;
  const setStatusBarVisible: ((visible: boolean) => void) | undefined;
}
