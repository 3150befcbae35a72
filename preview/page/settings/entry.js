// The settings page: Fitbit's settings globals, then the real settings page (settings/index.tsx).
import "./globals";
import "../../../settings/index.tsx";
