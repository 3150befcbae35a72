// @zos/ui's deleteWidget (API level 2.0 and up, in Zepp's documentation and every app that frees its
// widgets) is missing from @zeppos/device-types 4.0.0's declaration of the module: declared here.
declare module "@zos/ui" {
  function deleteWidget(widget: unknown): boolean;
}
