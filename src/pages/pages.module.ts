import { Module } from '@nestjs/common';
import { PreferencesController } from './preferences.controller';
import { ViewRenderer } from './view-renderer.service';

/** The HTML pages' rendering, and the language and notice preferences they offer. */
@Module({
  controllers: [PreferencesController],
  providers: [ViewRenderer],
  exports: [ViewRenderer],
})
export class PagesModule {}
