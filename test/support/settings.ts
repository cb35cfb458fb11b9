import { SettingsError } from "../../shared/config/setting-rules";

/** The one line a settings check refuses with; fails the test when the settings are accepted. */
export function refusalOf(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error("the settings were accepted");
}
