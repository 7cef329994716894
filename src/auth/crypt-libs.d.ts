// The crypt(3) libraries below ship no type declarations; these are their documented APIs.

declare module 'apache-md5' {
  /** MD5-crypt: `$1$salt$hash` when the salt starts with `$1$`, Apache's `$apr1$` otherwise. */
  function md5crypt(password: string, salt?: string): string;
  export = md5crypt;
}

declare module 'unix-crypt-td-js' {
  /** Traditional DES crypt(3): a two-character salt, a 13-character result. */
  function desCrypt(password: string, salt: string): string;
  export = desCrypt;
}
